/**
 * Stock: the SupermarketStock aggregate (domain ring, declared on the class), donations in, the stock read models.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.kiosk.stock;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
