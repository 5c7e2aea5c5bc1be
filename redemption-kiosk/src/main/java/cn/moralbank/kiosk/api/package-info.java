/**
 * The love supermarket's messages: stock commands, events (@DomainEvent), identities and values (Quantity, SaleLine).
 *
 * <p>Onion ring: domain (checked by ArchitectureRulesTest in the web module).
 */
@DomainRing
package cn.moralbank.kiosk.api;

import org.jmolecules.architecture.onion.simplified.DomainRing;
