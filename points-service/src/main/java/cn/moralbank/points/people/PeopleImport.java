package cn.moralbank.points.people;

import cn.moralbank.points.common.PhoneNumber;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.common.SqlRows;
import cn.moralbank.points.common.WholeNumber;
import cn.moralbank.points.household.ImportProblem;
import cn.moralbank.points.household.UploadedRows;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports people (人员批量导入) from a CSV (UTF-8 or GBK) or xlsx, as the household and region imports do: a preview
 * that names every refused row and changes nothing, then an import that checks the file again and adds all of it in
 * one transaction, or nothing. Columns, found by their header: username (用户名), name (姓名), role (角色), scope
 * (管辖区划代码), phone (电话, optional), supermarket (爱心超市编号, for operators and kiosks). Who may import whom is
 * {@link Management}'s, row by row; each person gets a temporary password, changed at their first sign-in.
 */
@Singleton
public class PeopleImport {
    /** A city's offices, townships and villages' administrators: a few thousand at most. */
    public static final int MAX_ROWS = 5_000;

    enum Column {
        USERNAME("用户名", "username", "账号"),
        NAME("姓名", "name", "display name", "displayname"),
        ROLE("角色", "role"),
        SCOPE("管辖区划代码", "区划代码", "管辖范围", "scope", "region code", "regioncode"),
        PHONE("电话", "手机", "phone"),
        SUPERMARKET("爱心超市编号", "超市编号", "supermarket", "supermarket id");

        private final Set<String> headers;

        Column(String... headers) {
            this.headers = Set.of(headers);
        }

        static Optional<Column> of(String header) {
            String h = header.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(c -> c.headers.contains(h)).findFirst();
        }
    }

    private static final Map<String, Role> ROLES = roles();

    private final PeopleAdmin admin;
    private final PersonRepository persons;
    private final RegionRepository regions;
    private final SqlRows sql;

    PeopleImport(PeopleAdmin admin, PersonRepository persons, RegionRepository regions, SqlRows sql) {
        this.admin = admin;
        this.persons = persons;
        this.regions = regions;
        this.sql = sql;
    }

    /** A person the file would add. */
    @Serdeable
    public record Row(int line, String username, String displayName, Role role, String regionCode,
                      @Nullable String regionName, @Nullable String phone, @Nullable Long supermarketId) {
    }

    /** What the file would do: its rows and every problem; it imports only without any. */
    @Serdeable
    public record Preview(String fileName, List<Row> rows, List<ImportProblem> problems) {
        public boolean importable() {
            return problems.isEmpty() && !rows.isEmpty();
        }
    }

    /** A person added, with their temporary password, for the printed list handed out in sealed slips. */
    @Serdeable
    public record Added(String username, String displayName, Role role, String regionCode, String regionName,
                        String temporaryPassword) {
    }

    /** Reads and checks the file; changes nothing. 403 for a role that manages nobody. */
    public Preview preview(Actor actor, String fileName, byte[] content) {
        if (Management.managedBy(actor.role()).isEmpty()) {
            throw new AccessDenied("people import");
        }
        UploadedRows.Read read = UploadedRows.read(fileName, content, MAX_ROWS);
        if (!read.problems().isEmpty()) {
            return new Preview(fileName, List.of(), read.problems());
        }
        List<UploadedRows.Line> lines = read.lines();
        Map<Column, Integer> columns = new HashMap<>();
        UploadedRows.Line header = lines.get(0);
        for (int i = 0; i < header.cells().size(); i++) {
            int index = i;
            Column.of(header.cell(i)).ifPresent(c -> columns.putIfAbsent(c, index));
        }
        if (!columns.keySet().containsAll(Set.of(Column.USERNAME, Column.NAME, Column.ROLE, Column.SCOPE))) {
            return new Preview(fileName, List.of(), List.of(problem(header.number(), "people.import.header")));
        }
        List<ImportProblem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (UploadedRows.Line line : lines.subList(1, lines.size())) {
            check(actor, line, columns, seen, problems).ifPresent(rows::add);
        }
        problems.sort(Comparator.comparingInt(ImportProblem::line));
        return new Preview(fileName, rows, problems);
    }

    /** Adds every person of the file in one transaction, or nobody: any problem refuses the whole file (422). */
    @Transactional
    public List<Added> importAll(Actor actor, String fileName, byte[] content) {
        Preview preview = preview(actor, fileName, content);
        if (!preview.importable()) {
            throw new BadInput("people.import.problems", preview.problems().size());
        }
        List<Added> added = new ArrayList<>();
        for (Row row : preview.rows()) {
            TemporaryPassword temporary = admin.add(actor, new PersonForm(row.username(), row.displayName(),
                    row.role(), row.regionCode(), row.supermarketId()), row.phone());
            added.add(new Added(row.username(), row.displayName(), row.role(), row.regionCode(), row.regionName(),
                    temporary.password()));
        }
        return added;
    }

    private Optional<Row> check(Actor actor, UploadedRows.Line line, Map<Column, Integer> columns, Set<String> seen,
                                List<ImportProblem> problems) {
        int n = line.number();
        String username = cell(line, columns, Column.USERNAME);
        String name = cell(line, columns, Column.NAME);
        String roleText = cell(line, columns, Column.ROLE);
        String code = cell(line, columns, Column.SCOPE);
        String phone = cell(line, columns, Column.PHONE);
        String shop = cell(line, columns, Column.SUPERMARKET);
        int before = problems.size();
        if (!username.matches("[a-z0-9_.-]{3,50}")) {
            problems.add(problem(n, "person.username.invalid", username));
        } else if (!seen.add(username)) {
            problems.add(problem(n, "people.import.duplicate", username));
        } else if (persons.findByUsername(username).isPresent()) {
            problems.add(problem(n, "person.username.taken", username));
        }
        if (name.isEmpty() || name.length() > 50 || !PlainText.name(name)) {
            problems.add(problem(n, "person.display-name.invalid", name));
        }
        if (!phone.isEmpty() && !PhoneNumber.valid(phone)) {
            problems.add(problem(n, "people.import.phone", phone));
        }
        Role role = ROLES.get(roleText.toLowerCase(Locale.ROOT));
        if (role == null) {
            problems.add(problem(n, "people.role.unknown", roleText));
            return Optional.empty();
        }
        Optional<Region> scope = regions.findByCode(code);
        if (scope.isEmpty()) {
            problems.add(problem(n, "people.import.scope-unknown", code));
            return Optional.empty();
        }
        if (!Management.mayManage(actor, role, scope.get())) {
            problems.add(problem(n, "people.import.not-yours", roleText, code));
            return Optional.empty();
        }
        try {
            Management.requireLevel(role, scope.get());
        } catch (BadInput wrong) {
            problems.add(problem(n, wrong.code(), wrong.arguments().toArray()));
        }
        Long supermarket = supermarket(n, role, shop, scope.get(), problems);
        return problems.size() > before ? Optional.empty()
                : Optional.of(new Row(n, username, name, role, code, scope.get().name(),
                        phone.isEmpty() ? null : phone, supermarket));
    }

    /** For an operator or a kiosk: a supermarket serving the row's village; for anyone else, none. */
    private Long supermarket(int n, Role role, String text, Region village, List<ImportProblem> problems) {
        if (role != Role.SUPERMARKET_OPERATOR && role != Role.KIOSK) {
            return null;
        }
        long id;
        try {
            id = WholeNumber.parse(text);
        } catch (NumberFormatException e) {
            problems.add(problem(n, text.isEmpty() ? "person.supermarket.missing" : "people.supermarket.invalid",
                    text));
            return null;
        }
        if (!ServingSupermarket.serves(sql, id, village)) {
            problems.add(problem(n, "people.import.supermarket-elsewhere", text, village.code()));
            return null;
        }
        return id;
    }

    private static String cell(UploadedRows.Line line, Map<Column, Integer> columns, Column column) {
        Integer index = columns.get(column);
        return index == null ? "" : line.cell(index).strip();
    }

    private static ImportProblem problem(int line, String code, Object... arguments) {
        return new ImportProblem(line, null, code, Arrays.stream(arguments).map(String::valueOf).toList());
    }

    /** The role's name as the bundle shows it (网格员), or its code (GRID_WORKER), case aside. */
    private static Map<String, Role> roles() {
        Map<String, Role> roles = new HashMap<>();
        for (Role role : Role.values()) {
            roles.put(role.name().toLowerCase(Locale.ROOT), role);
        }
        roles.put("市文明办", Role.CITY_OFFICE);
        roles.put("县文明办", Role.COUNTY_OFFICE);
        roles.put("乡镇干部", Role.TOWNSHIP_OFFICER);
        roles.put("道德银行管理员", Role.VILLAGE_ADMIN);
        roles.put("村管理员", Role.VILLAGE_ADMIN);
        roles.put("评议委员", Role.COMMITTEE_MEMBER);
        roles.put("网格员", Role.GRID_WORKER);
        roles.put("爱心超市管理员", Role.SUPERMARKET_OPERATOR);
        roles.put("超市管理员", Role.SUPERMARKET_OPERATOR);
        roles.put("超市操作员", Role.SUPERMARKET_OPERATOR); // an earlier name of the role, in sheets made with it
        roles.put("自助兑换机", Role.KIOSK);
        return Map.copyOf(roles);
    }
}
