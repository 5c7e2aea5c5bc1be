/**
 * The kiosk's HTTP API.
 *
 * <p>Onion ring: infrastructure (checked by ArchitectureRulesTest in the web module).
 */
@InfrastructureRing
package cn.moralbank.kiosk.http;

import org.jmolecules.architecture.onion.simplified.InfrastructureRing;
