package cn.moralbank.points.ranking;

import cn.moralbank.points.common.SqlRows;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds each household's place in the region tree, once, and keeps it for the life of the process: a replay of ten
 * years of entries costs one lookup per household rather than one per event. The first household asked for brings every
 * household's place at once (two queries), when the county has no more than can be kept: a rebuild then asks the
 * database nothing more, where one lookup per household kept it waiting (docs/performance.md, "Replay"). When a
 * household moves to another grid, or villages merge ({@link PlacesAfterMerge}), every node forgets the places it keeps
 * at its next batch ({@link #refresh}).
 */
@Singleton
class Places {
    private static final Logger LOG = LoggerFactory.getLogger(Places.class);
    /** Beyond this many households the memory goes back to the database; a county has about 100,000. */
    private static final int MAX_KEPT = 250_000;
    private final SqlRows jdbc;
    private final ConcurrentHashMap<String, Optional<Place>> known = new ConcurrentHashMap<>();
    /** Places by grid id and path, for rows that name theirs ({@link #at}). */
    private final ConcurrentHashMap<String, Place> chains = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    /** The count of place changes ({@code place_version}) these places were kept under. */
    private volatile long version = Long.MIN_VALUE;
    /** How many times everything was forgotten: a place looked up across a forgetting is not kept. */
    private final AtomicLong forgotten = new AtomicLong();

    Places(SqlRows jdbc) {
        this.jdbc = jdbc;
    }

    /** The household's place; empty for an account without a registered household (kept too: asked once). */
    Optional<Place> of(String householdId) {
        Optional<Place> place = known.get(householdId);
        if (place != null) {
            return place;
        }
        if (!loaded) {
            loadAll();
            place = known.get(householdId);
            if (place != null) {
                return place;
            }
        }
        long before = forgotten.get();
        Optional<Place> found = lookUp(householdId);
        if (known.size() >= MAX_KEPT) {
            known.clear();
        }
        synchronized (this) {
            // not if the places were forgotten meanwhile (forget() holds the same lock): this one may be older
            if (forgotten.get() == before) {
                known.put(householdId, found);
            }
        }
        if (found.isEmpty()) {
            // every account is opened by registering its household; one without is left out of the rankings
            LOG.warn("household {} is not registered: left out of the rankings", householdId);
        }
        return found;
    }

    /**
     * Forgets every place kept if households changed places since last asked, on this node or another: the change
     * and the bump of {@code place_version} commit together, so once the count is seen the changed places are read.
     * Answers whether they had changed.
     */
    boolean refresh() {
        long now = jdbc.count("SELECT version FROM place_version WHERE id = 1");
        if (now != version) {
            forget();
            version = now;
            return true;
        }
        return false;
    }

    /**
     * The place of a grid by its id and the path a row kept for it, as a household of it had (a retired village's
     * included). The grid is read by its id, its ancestors by the path: a village merge (合村并居) gives the grid a new
     * path in the transaction that moves the rankings, so the old path names the village it was under but no grid any
     * more, and a chain read by the path alone left the grid out: it gained what it held again and lost nothing.
     */
    Place at(long gridId, String path) {
        return chains.computeIfAbsent(gridId + path, key -> new Place(gridId, path, chainOf(gridId, path)));
    }

    private List<Place.Node> chainOf(long gridId, String path) {
        return jdbc.list("""
                SELECT id, parent_id, level FROM region WHERE id = ? OR (path = ANY (?) AND level <> 'GRID')
                ORDER BY id = ? DESC, length(path) DESC""",
                rs -> {
                    long parent = rs.getLong(2);
                    Long parentId = rs.wasNull() ? null : parent;
                    return new Place.Node(rs.getLong(1), parentId, rs.getString(3));
                }, gridId, ancestorPaths(path).toArray(String[]::new), gridId);
    }

    /** Forgets every place kept (after a merge of villages, or a rebuild), once a load under way has finished. */
    synchronized void forget() {
        forgotten.incrementAndGet();
        known.clear();
        chains.clear();
        loaded = false;
    }

    /** Every registered household's place, if the county's households can all be kept. */
    private synchronized void loadAll() {
        if (loaded) {
            return;
        }
        // once: a load that fails is not tried again until the places are forgotten; households are then looked up
        // one by one
        loaded = true;
        if (jdbc.count("SELECT count(*) FROM household") > MAX_KEPT) {
            return;
        }
        Map<String, Place.Node> regions = new HashMap<>();
        for (RegionRow region : jdbc.list("SELECT path, id, parent_id, level FROM region", rs -> {
            long parent = rs.getLong(3);
            Long parentId = rs.wasNull() ? null : parent;
            return new RegionRow(rs.getString(1), new Place.Node(rs.getLong(2), parentId, rs.getString(4)));
        })) {
            regions.put(region.path(), region.node());
        }
        Map<String, List<Place.Node>> chainsByPath = new HashMap<>();
        for (String[] household : jdbc.list("SELECT id, grid_id, region_path FROM household",
                rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)})) {
            List<Place.Node> chain = chainsByPath.computeIfAbsent(household[2], path -> ancestorPaths(path).stream()
                    .map(regions::get).filter(Objects::nonNull).toList());
            known.putIfAbsent(household[0], Optional.of(new Place(Long.parseLong(household[1]), household[2], chain)));
        }
    }

    private record RegionRow(String path, Place.Node node) {
    }

    /** The household's grid path names every ancestor (a path is the chain of codes), so one indexed read finds them. */
    private Optional<Place> lookUp(String householdId) {
        Optional<String[]> household = jdbc.prepare(
                "SELECT grid_id, region_path FROM household WHERE id = ?", statement -> {
                    statement.setString(1, householdId);
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(new String[]{rs.getString(1), rs.getString(2)})
                                : Optional.<String[]>empty();
                    }
                });
        if (household.isEmpty()) {
            return Optional.empty();
        }
        String path = household.get()[1];
        long grid = Long.parseLong(household.get()[0]);
        return Optional.of(new Place(grid, path, List.copyOf(chainOf(grid, path))));
    }

    /** {@code /a/b/c/} gives {@code /a/b/c/}, {@code /a/b/}, {@code /a/}. */
    static List<String> ancestorPaths(String path) {
        List<String> paths = new ArrayList<>();
        for (int i = path.length() - 1; i > 0; i = path.lastIndexOf('/', i - 1)) {
            paths.add(path.substring(0, i + 1));
        }
        return paths;
    }
}
