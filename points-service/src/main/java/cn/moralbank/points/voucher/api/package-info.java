/**
 * The voucher context's messages: commands, events (@DomainEvent), the serial (its identity) and its state.
 *
 * <p>Onion ring: domain (checked by ArchitectureRulesTest in the web module).
 */
@DomainRing
package cn.moralbank.points.voucher.api;

import org.jmolecules.architecture.onion.simplified.DomainRing;
