/**
 * Sales read models and the kiosk's query API for its figures (SalesFigures, read by the web dashboard).
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.kiosk.sales;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
