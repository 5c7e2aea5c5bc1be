/**
 * Households (户) and their cards: registry, import and export, county settings; read and written through Micronaut Data.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.points.household;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
