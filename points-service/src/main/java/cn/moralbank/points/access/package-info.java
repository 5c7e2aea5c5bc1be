/**
 * Who acts: the actor carried in every command's metadata, roles and scopes, and the throttles guarding typed secrets.
 *
 * <p>Onion ring: domain (checked by ArchitectureRulesTest in the web module).
 */
@DomainRing
package cn.moralbank.points.access;

import org.jmolecules.architecture.onion.simplified.DomainRing;
