/**
 * People who sign in: administrators, committee members, grid workers, operators; passwords and sessions.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.points.people;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
