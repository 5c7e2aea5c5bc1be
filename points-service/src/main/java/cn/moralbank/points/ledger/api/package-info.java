/**
 * The household ledger's messages: commands, events (@DomainEvent), identities and values (Points, EntryResult).
 *
 * <p>Onion ring: domain (checked by ArchitectureRulesTest in the web module).
 */
@DomainRing
package cn.moralbank.points.ledger.api;

import org.jmolecules.architecture.onion.simplified.DomainRing;
