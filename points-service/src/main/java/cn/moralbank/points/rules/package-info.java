/**
 * The rules catalog (积分规则) and its local limits.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.points.rules;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
