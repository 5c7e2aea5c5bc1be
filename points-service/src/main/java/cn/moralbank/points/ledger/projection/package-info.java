/**
 * The ledger's read models: balances and passbook lines, written by the projection in batches.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.points.ledger.projection;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
