/**
 * The points service's HTTP API: controllers that turn requests into the application ring's calls.
 *
 * <p>Onion ring: infrastructure (checked by ArchitectureRulesTest in the web module).
 */
@InfrastructureRing
package cn.moralbank.points.http;

import org.jmolecules.architecture.onion.simplified.InfrastructureRing;
