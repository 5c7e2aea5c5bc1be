package cn.moralbank.points.regionimport;

import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.household.ImportProblem;
import cn.moralbank.points.household.UploadedRows;
import cn.moralbank.points.region.DivisionCodes;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.RegionRepository;
import cn.moralbank.points.region.Regions;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports a region tree (counties, townships, villages, grids) from a CSV (UTF-8 or GBK) or xlsx, as the household
 * import does: a preview that shows every problem and changes nothing, then an import that checks the file again and
 * adds all of it in one transaction, or nothing. Columns: level (层级), division code (区划代码), name (名称), parent
 * code (上级代码); a parent may be in the file or in the database, within the importing office's scope.
 */
@Singleton
public class RegionImport {
    /** A city of about 5,000 villages and their grids. */
    public static final int MAX_ROWS = 20_000;
    private static final Map<String, RegionLevel> LEVELS = levels();

    private final Regions regions;
    private final RegionRepository repository;

    RegionImport(Regions regions, RegionRepository repository) {
        this.regions = regions;
        this.repository = repository;
    }

    /**
     * A row of the file: one that would be added, or one already in the database as the file has it (existing), left
     * as it is, so a file can be uploaded again with new rows added to it.
     */
    @Serdeable
    public record Row(int line, RegionLevel level, String code, String name, String parentCode, boolean existing) {
    }

    /** What the file would do: its rows and every problem; it imports only without any. */
    @Serdeable
    public record Preview(String fileName, List<Row> rows, List<ImportProblem> problems) {
        public boolean importable() {
            return problems.isEmpty() && rows.stream().anyMatch(r -> !r.existing());
        }

        /** How many rows of each level would be added, for the preview's summary. */
        public Map<RegionLevel, Long> counts() {
            Map<RegionLevel, Long> counts = new EnumMap<>(RegionLevel.class);
            rows.stream().filter(r -> !r.existing()).forEach(r -> counts.merge(r.level(), 1L, Long::sum));
            return counts;
        }

        /** How many rows are in the database already, as the file has them. */
        public long existing() {
            return rows.stream().filter(Row::existing).count();
        }
    }

    /** Reads and checks the file; changes nothing. 403 for anyone but a city or county office. */
    public Preview preview(Actor actor, String fileName, byte[] content) {
        requireOffice(actor);
        UploadedRows.Read read = UploadedRows.read(fileName, content, MAX_ROWS);
        if (!read.problems().isEmpty()) {
            return new Preview(fileName, List.of(), read.problems());
        }
        List<ImportProblem> problems = new ArrayList<>();
        List<UploadedRows.Line> lines = read.lines();
        if (!header(lines.get(0))) {
            return new Preview(fileName, List.of(), List.of(problem(lines.get(0).number(), "regions.import.header")));
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Row> inFile = new HashMap<>();
        // the rows' regions already in the database, read once each
        Map<String, Region> there = new HashMap<>();
        Set<String> twice = new HashSet<>();
        for (UploadedRows.Line line : lines.subList(1, lines.size())) {
            String levelText = line.cell(0).strip();
            RegionLevel level = LEVELS.get(levelText.toLowerCase(Locale.ROOT));
            String code = line.cell(1).strip();
            String name = line.cell(2).strip();
            String parent = line.cell(3).strip();
            if (level == null) {
                problems.add(problem(line.number(), "regions.import.level", levelText));
                continue;
            }
            if (name.isEmpty() || name.length() > 100) {
                problems.add(problem(line.number(), "region.name.invalid", name));
            }
            repository.findByCode(code).ifPresent(region -> there.put(code, region));
            Row row = new Row(line.number(), level, code, name, parent, there.containsKey(code));
            if (inFile.putIfAbsent(code, row) != null && twice.add(code)) {
                problems.add(problem(line.number(), "regions.import.duplicate", code));
            }
            rows.add(row);
        }
        for (Row row : rows) {
            check(actor, row, inFile, there, problems);
        }
        if (problems.isEmpty() && !rows.isEmpty() && rows.stream().allMatch(Row::existing)) {
            problems.add(problem(0, "regions.import.nothing-new", rows.size()));
        }
        problems.sort(Comparator.comparingInt(ImportProblem::line));
        return new Preview(fileName, rows, problems);
    }

    /** Adds every region of the file, parents first, in one transaction; refuses the whole file on any problem. */
    @Transactional
    public List<Region> importAll(Actor actor, String fileName, byte[] content) {
        Preview preview = preview(actor, fileName, content);
        if (!preview.importable()) {
            throw new BadInput("regions.import.problems", preview.problems().size());
        }
        List<Row> ordered = new ArrayList<>(preview.rows().stream().filter(r -> !r.existing()).toList());
        ordered.sort(Comparator.comparing(Row::level));
        Map<String, Region> made = new HashMap<>();
        List<Region> added = new ArrayList<>();
        for (Row row : ordered) {
            Region parent = made.containsKey(row.parentCode()) ? made.get(row.parentCode())
                    : regions.byCode(row.parentCode());
            Region region = regions.createChild(parent, row.code(), row.name());
            made.put(row.code(), region);
            added.add(region);
        }
        return added;
    }

    private void check(Actor actor, Row row, Map<String, Row> inFile, Map<String, Region> there,
                       List<ImportProblem> problems) {
        int line = row.line();
        if (row.existing()) {
            same(actor, row, there.get(row.code()), problems);
            return;
        }
        if (row.level() == RegionLevel.CITY) {
            // a city is made by setup, never by an import
            problems.add(problem(line, "region.level.invalid", "", row.level().name()));
            return;
        }
        Row parentRow = inFile.get(row.parentCode());
        Optional<Region> parentRegion = parentRow == null ? repository.findByCode(row.parentCode()) : Optional.empty();
        RegionLevel parentLevel = parentRow != null ? parentRow.level()
                : parentRegion.map(Region::level).orElse(null);
        if (parentLevel == null) {
            problems.add(problem(line, "regions.import.parent", row.parentCode()));
            return;
        }
        if (parentLevel.childLevel() != row.level()) {
            problems.add(problem(line, "region.level.invalid", parentLevel.name(), row.level().name()));
            return;
        }
        if (parentRegion.isPresent() && !actor.covers(parentRegion.get().path())) {
            problems.add(problem(line, "regions.import.outside", row.parentCode()));
            return;
        }
        if (row.level() == RegionLevel.COUNTY && actor.role() != Role.CITY_OFFICE) {
            problems.add(problem(line, "regions.import.outside", row.parentCode()));
            return;
        }
        Region parent = parentRegion.orElseGet(() -> new Region(null, null, parentLevel, row.parentCode(), "", ""));
        try {
            DivisionCodes.check(row.level(), row.code(), parent);
        } catch (BadInput bad) {
            problems.add(new ImportProblem(line, null, bad.code(),
                    bad.arguments().stream().map(String::valueOf).toList()));
        }
    }

    /**
     * A row already in the database is left as it is when the database has it as the file does (level, name and
     * parent) and it lies within the caller's scope; otherwise the file is refused naming what differs.
     */
    private void same(Actor actor, Row row, Region there, List<ImportProblem> problems) {
        if (!actor.covers(there.path())) {
            problems.add(problem(row.line(), "regions.import.outside", row.code()));
            return;
        }
        String parentThere = there.parentId() == null ? ""
                : repository.findById(there.parentId()).map(Region::code).orElse("");
        if (there.level() != row.level() || !there.name().equals(row.name()) || !parentThere.equals(row.parentCode())) {
            problems.add(problem(row.line(), "regions.import.exists", row.code(), there.name(), parentThere));
        }
    }

    private static void requireOffice(Actor actor) {
        if (actor.role() != Role.CITY_OFFICE && actor.role() != Role.COUNTY_OFFICE) {
            throw new AccessDenied("region import");
        }
    }

    private static boolean header(UploadedRows.Line line) {
        String first = line.cell(0).strip().toLowerCase(Locale.ROOT);
        String second = line.cell(1).strip().toLowerCase(Locale.ROOT);
        return (first.equals("层级") || first.equals("level")) && (second.contains("代码") || second.contains("code"));
    }

    private static ImportProblem problem(int line, String code, Object... arguments) {
        return new ImportProblem(line, null, code, Arrays.stream(arguments).map(String::valueOf).toList());
    }

    private static Map<String, RegionLevel> levels() {
        Map<String, RegionLevel> levels = new HashMap<>();
        for (String s : List.of("市", "city")) {
            levels.put(s, RegionLevel.CITY);
        }
        for (String s : List.of("县", "区", "县（区）", "县(区)", "旗", "county", "district")) {
            levels.put(s, RegionLevel.COUNTY);
        }
        for (String s : List.of("乡镇", "乡", "镇", "街道", "乡镇（街道）", "township", "subdistrict", "town")) {
            levels.put(s, RegionLevel.TOWNSHIP);
        }
        for (String s : List.of("村", "社区", "村（社区）", "village", "community")) {
            levels.put(s, RegionLevel.VILLAGE);
        }
        for (String s : List.of("网格", "grid")) {
            levels.put(s, RegionLevel.GRID);
        }
        return Map.copyOf(levels);
    }
}
