/**
 * The import of a county's regions from a file.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.points.regionimport;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
