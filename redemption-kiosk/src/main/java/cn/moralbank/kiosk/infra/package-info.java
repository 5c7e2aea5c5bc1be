/**
 * The kiosk's infrastructure: the checkout store and lock on JDBC, implementing ports kiosk.checkout owns.
 *
 * <p>Onion ring: infrastructure (checked by ArchitectureRulesTest in the web module).
 */
@InfrastructureRing
package cn.moralbank.kiosk.infra;

import org.jmolecules.architecture.onion.simplified.InfrastructureRing;
