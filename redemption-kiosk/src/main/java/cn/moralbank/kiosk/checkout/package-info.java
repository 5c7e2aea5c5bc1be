/**
 * The checkout at the kiosk: the pure policy and plan (domain ring, declared on the classes), the process, its store
 * (implemented in kiosk.infra) and receipts.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.kiosk.checkout;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
