/**
 * The runnable application: security, pages, operations, the county generator and the verifier. It assembles the
 * modules, so all of it is the outermost ring: it may use every ring, and no ring uses it.
 *
 * <p>Onion ring: infrastructure (checked by ArchitectureRulesTest in the web module).
 */
@InfrastructureRing
package cn.moralbank.web;

import org.jmolecules.architecture.onion.simplified.InfrastructureRing;
