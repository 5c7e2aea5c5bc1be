package cn.moralbank.web.access;

/** What a route's scope check compares, for a caller whose role may call it at all. */
enum Scope {
    /** No region in the request: the role decides (lists and pages filter by scope; see the leak tests). */
    NONE,
    /** The thing must lie in the caller's region; a villager's region is their own household. */
    SCOPE,
    /** As SCOPE, but grid workers and villagers see the village-wide things of their own village. */
    VILLAGE,
    /** As VILLAGE, and also what lies above the caller: a county's rules are read by every village in it. */
    LINEAGE,
    /**
     * The kiosk's card check: a card of a village the supermarket does not serve is refused with 422
     * kiosk.card.unusable, the same answer as an unknown card, which the villager at the kiosk can read (not 403).
     */
    CARD,
    /** Anything in the caller's county (the county's rules catalog, its rating rounds). */
    COUNTY
}
