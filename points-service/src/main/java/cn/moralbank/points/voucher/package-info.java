/**
 * Love points vouchers (爱心积分券): the Voucher aggregate (domain ring, declared on the class), issue, print, void.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.points.voucher;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
