/**
 * The deed context's messages: commands, events (@DomainEvent), identities and the values they carry.
 *
 * <p>Onion ring: domain (checked by ArchitectureRulesTest in the web module).
 */
@DomainRing
package cn.moralbank.points.deed.api;

import org.jmolecules.architecture.onion.simplified.DomainRing;
