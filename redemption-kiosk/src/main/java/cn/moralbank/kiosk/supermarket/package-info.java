/**
 * The love supermarkets (爱心超市), their tills and the people serving them.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.kiosk.supermarket;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
