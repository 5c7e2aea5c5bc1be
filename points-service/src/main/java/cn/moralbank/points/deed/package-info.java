/**
 * Deeds (好人好事) from report to credit: the Deed and ReviewSession aggregates (domain ring, declared on the classes),
 * the services that send their commands, the objection period (公示期) job and the deed read models.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.points.deed;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
