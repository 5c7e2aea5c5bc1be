/**
 * Rankings of households, grids, villages and townships per period: the projection and its queries.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.points.ranking;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
