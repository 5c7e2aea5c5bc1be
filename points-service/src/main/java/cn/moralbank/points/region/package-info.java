/**
 * The regions: county > township > village > grid, their codes, merges and totals.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.points.region;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
