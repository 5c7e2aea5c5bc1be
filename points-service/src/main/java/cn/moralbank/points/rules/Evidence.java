package cn.moralbank.points.rules;

/** What a report of a rule's deed must bring: nothing beyond the description, a photo, or a named witness. */
public enum Evidence {
    NONE, PHOTO, WITNESS
}
