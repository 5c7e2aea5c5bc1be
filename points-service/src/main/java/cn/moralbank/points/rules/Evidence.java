package cn.moralbank.points.rules;

import org.jmolecules.architecture.onion.simplified.DomainRing;

/** What a report of a rule's deed must bring: nothing beyond the description, a photo, or a named witness. */
@DomainRing
public enum Evidence {
    NONE, PHOTO, WITNESS
}
