/**
 * The supermarket's products and their point prices.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.kiosk.product;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
