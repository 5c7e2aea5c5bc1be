/**
 * The household ledger: the HouseholdAccount aggregate, the Ledger service that sends its commands and the passbooks.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.points.ledger;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
