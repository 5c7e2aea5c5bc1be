/**
 * The rating rounds' messages: commands, events (@DomainEvent), identities and the criteria and facts they carry.
 *
 * <p>Onion ring: domain (checked by ArchitectureRulesTest in the web module).
 */
@DomainRing
package cn.moralbank.points.rating.api;

import org.jmolecules.architecture.onion.simplified.DomainRing;
