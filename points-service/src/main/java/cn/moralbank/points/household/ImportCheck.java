package cn.moralbank.points.household;

import cn.moralbank.points.common.PhoneNumber;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.SaneDate;
import cn.moralbank.points.common.WholeNumber;
import cn.moralbank.points.ledger.api.Points;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import static cn.moralbank.points.household.ImportColumn.*;

/**
 * Gives the rows of an import file their meaning and checks them: each row on its own, then against the rest of the
 * file and the registry. It collects every problem instead of stopping at the first, so one round of corrections is
 * enough. One check serves one file.
 */
final class ImportCheck {
    private static final Pattern CARD_FORM = Pattern.compile("[0-9]{6,20}");
    private static final int MAX_HEAD_NAME = 50;
    private static final int MAX_MEMBERS = 500;
    private static final int MAX_ADDRESS = 200;
    private static final int CARDS_PER_QUERY = 1000;
    private static final Pattern PASSBOOK_FORM = Pattern.compile("[A-Za-z0-9._-]{1,30}");

    private final Actor actor;
    private final Regions regions;
    private final HouseholdRepository households;
    private final List<ImportProblem> problems = new ArrayList<>();
    /** Header cells that name no column: their values are not imported, and the preview says so. */
    private final List<String> ignored = new ArrayList<>();
    /** The passbook numbers already carried over in a village (by the village's path), not reversed. */
    private final Function<String, Set<String>> passbooksCarried;
    /** Today in the villages' zone: an opening balance read later is refused. */
    private final LocalDate today;

    ImportCheck(Actor actor, Regions regions, HouseholdRepository households,
                Function<String, Set<String>> passbooksCarried, LocalDate today) {
        this.today = today;
        this.actor = actor;
        this.regions = regions;
        this.households = households;
        this.passbooksCarried = passbooksCarried;
    }

    /**
     * Checks the file's rows but those in {@code done}: the lines an earlier upload of this file registered before it
     * was interrupted. Those households are in the registry now, so the other rows are still checked against them.
     */
    ImportPreview run(String fileName, HouseholdFile.Rows file, Set<Integer> done) {
        if (!file.problems().isEmpty()) {
            return new ImportPreview(fileName, List.of(), file.problems());
        }
        List<HouseholdFile.Line> lines = file.lines();
        Map<ImportColumn, Integer> columns = header(lines.get(0));
        if (!problems.isEmpty()) {
            return preview(fileName, List.of());
        }
        List<Draft> drafts = lines.subList(1, lines.size()).stream().filter(line -> !done.contains(line.number()))
                .map(line -> draft(line, columns)).toList();
        checkCardsAgainstFile(drafts);
        checkCardsAgainstRegistry(drafts);
        checkGrids(drafts);
        checkCardsExcelChanged(drafts);
        checkPassbooks(drafts);
        checkHeadsAgainstRegistry(drafts);
        assignMissingCards(drafts);
        checkAsRegistered(drafts);
        List<ImportRow> rows = drafts.stream().filter(d -> !d.bad).map(Draft::toRow).toList();
        problems.sort(Comparator.comparingInt(ImportProblem::line)
                .thenComparing(ImportProblem::column, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new ImportPreview(fileName, rows, problems, openings(drafts), done.size(), ignored);
    }

    /** The opening balances summed per village, in the order of the file. */
    private List<VillageOpenings> openings(List<Draft> drafts) {
        Map<Long, String> names = new HashMap<>();
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (Draft d : drafts) {
            if (d.bad || d.opening == null || d.grid == null || d.grid.parentId() == null) {
                continue;
            }
            String village = names.computeIfAbsent(d.grid.parentId(), id -> regions.get(id).name());
            long[] sum = sums.computeIfAbsent(village, v -> new long[2]);
            sum[0]++;
            sum[1] += d.opening.points();
        }
        return sums.entrySet().stream()
                .map(e -> new VillageOpenings(e.getKey(), (int) e.getValue()[0], e.getValue()[1])).toList();
    }

    /** 期初积分, its date and the passbook's number: all three, or none (a balance of 0 carries nothing over). */
    private void checkOpening(Draft d, Map<ImportColumn, String> values) {
        String points = values.getOrDefault(OPENING_BALANCE, "").strip();
        String date = values.getOrDefault(OPENING_DATE, "").strip();
        String passbook = values.getOrDefault(PASSBOOK_NUMBER, "").strip();
        if (points.isEmpty()) {
            if (!date.isEmpty() || !passbook.isEmpty()) {
                flag(d, OPENING_BALANCE, "household.import.opening.missing");
            }
            return;
        }
        long value;
        try {
            value = WholeNumber.parse(points);
        } catch (NumberFormatException e) {
            flag(d, OPENING_BALANCE, "household.import.opening.invalid", points,
                    Points.MAX_PER_ENTRY);
            return;
        }
        if (value < 0 || value > Points.MAX_PER_ENTRY) {
            flag(d, OPENING_BALANCE, "household.import.opening.invalid", points,
                    Points.MAX_PER_ENTRY);
            return;
        }
        if (value == 0 && date.isEmpty() && passbook.isEmpty()) {
            return; // a balance of 0 alone carries nothing over (a sheet that writes 0 for "none")
        }
        LocalDate asOf;
        try {
            asOf = SaneDate.parse(date.replace('/', '-'));
        } catch (DateTimeParseException e) {
            flag(d, OPENING_DATE, "household.import.opening.date-invalid", date);
            return;
        }
        if (asOf.isAfter(today)) {
            flag(d, OPENING_DATE, "household.import.opening.date-invalid", date);
            return;
        }
        if (!PASSBOOK_FORM.matcher(passbook).matches()) {
            flag(d, PASSBOOK_NUMBER, "household.import.opening.passbook-invalid", passbook);
            return;
        }
        if (value > 0) {
            d.opening = new OpeningBalance(value, asOf, passbook);
        }
    }

    private ImportPreview preview(String fileName, List<ImportRow> rows) {
        problems.sort(Comparator.comparingInt(ImportProblem::line)
                .thenComparing(ImportProblem::column, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new ImportPreview(fileName, rows, problems);
    }

    private Map<ImportColumn, Integer> header(HouseholdFile.Line header) {
        Map<ImportColumn, Integer> columns = new EnumMap<>(ImportColumn.class);
        for (int i = 0; i < header.cells().size(); i++) {
            String text = header.cell(i);
            Optional<ImportColumn> column = ImportColumn.byHeader(text);
            if (column.isEmpty() && !text.isBlank()) {
                ignored.add(text.strip());
            }
            if (column.isPresent() && columns.putIfAbsent(column.get(), i) != null) {
                problems.add(ImportProblem.ofCell(header.number(), column.get(),
                        "household.import.header.duplicate-column", text));
            }
        }
        for (ImportColumn column : ImportColumn.values()) {
            if (column.required() && !columns.containsKey(column)) {
                problems.add(ImportProblem.ofCell(header.number(), column, "household.import.header.missing-column",
                        column.chineseHeader(), column.englishHeader()));
            }
        }
        return columns;
    }

    private Draft draft(HouseholdFile.Line line, Map<ImportColumn, Integer> columns) {
        Map<ImportColumn, String> values = new EnumMap<>(ImportColumn.class);
        columns.forEach((column, index) -> values.put(column, line.cell(index)));
        Draft d = new Draft(line.number(), values);
        d.cardTypedAsNumber = columns.containsKey(CARD_NUMBER) && line.typedAsNumber(columns.get(CARD_NUMBER));
        if (!d.card.isEmpty() && !CARD_FORM.matcher(d.card).matches()) {
            flag(d, CARD_NUMBER, "household.import.card.invalid", d.card);
        }
        if (d.headName.isEmpty()) {
            flag(d, HEAD_NAME, "household.import.head-name.missing");
        } else if (length(d.headName) > MAX_HEAD_NAME) {
            flag(d, HEAD_NAME, "household.import.head-name.too-long", length(d.headName), MAX_HEAD_NAME);
        }
        checkMembers(d);
        if (length(d.address) > MAX_ADDRESS) {
            flag(d, ADDRESS, "household.import.address.too-long", length(d.address), MAX_ADDRESS);
        }
        if (!d.phone.isEmpty() && !PhoneNumber.valid(d.phone)) {
            flag(d, PHONE, "household.import.phone.invalid", d.phone);
        }
        if (d.gridCode.isEmpty()) {
            flag(d, GRID_CODE, "household.import.grid.missing");
        }
        checkOpening(d, values);
        return d;
    }

    /** Members are {@code 姓名/关系;姓名/关系}; full-width ； and ／, as typed with a Chinese input method, count too. */
    private void checkMembers(Draft d) {
        List<String> members = new ArrayList<>();
        for (String entry : d.members.replace('；', ';').replace('／', '/').split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String name = slash < 0 ? "" : entry.substring(0, slash).strip();
            String relation = slash < 0 ? "" : entry.substring(slash + 1).strip();
            if (name.isEmpty() || relation.isEmpty() || relation.contains("/")) {
                flag(d, MEMBERS, "household.import.members.invalid", entry.strip());
                return;
            }
            members.add(name + "/" + relation);
        }
        d.members = String.join(";", members);
        if (length(d.members) > MAX_MEMBERS) {
            flag(d, MEMBERS, "household.import.members.too-long", length(d.members), MAX_MEMBERS);
        }
    }

    /**
     * Every rule registering checks ({@link Households#problems}), on each row this check found fit: a row the
     * preview accepts is never refused half way through the import.
     */
    private void checkAsRegistered(List<Draft> drafts) {
        for (Draft d : drafts) {
            if (d.bad) {
                continue;
            }
            for (Households.FieldProblem problem : Households.problems(d.toRow().household())) {
                flag(d, problem.field(), problem.code(), problem.arguments().toArray());
            }
        }
    }

    private void checkCardsAgainstFile(List<Draft> drafts) {
        Map<String, Integer> firstLine = new HashMap<>();
        for (Draft d : drafts) {
            if (d.hasWellFormedCard()) {
                Integer first = firstLine.putIfAbsent(d.card, d.line);
                if (first != null) {
                    flag(d, CARD_NUMBER, "household.import.card.duplicate-in-file", d.card, first);
                }
            }
        }
    }

    private void checkCardsAgainstRegistry(List<Draft> drafts) {
        List<String> cards = drafts.stream().filter(Draft::hasWellFormedCard).map(d -> d.card).distinct().toList();
        Set<String> taken = new HashSet<>();
        for (int from = 0; from < cards.size(); from += CARDS_PER_QUERY) {
            households.findByCardNumberIn(cards.subList(from, Math.min(cards.size(), from + CARDS_PER_QUERY)))
                    .forEach(h -> taken.add(h.cardNumber()));
        }
        drafts.stream().filter(d -> taken.contains(d.card))
                .forEach(d -> flag(d, CARD_NUMBER, "household.import.card.taken", d.card));
    }

    /**
     * A row without a card number whose head of household already heads a household of the same grid is most likely
     * that household again (a file corrected and uploaded after an import was cut off, or exported and imported back):
     * refused, so that it is not registered twice. A different family whose head has the same name is given a card
     * number in the file, or registered on the household page.
     */
    private void checkHeadsAgainstRegistry(List<Draft> drafts) {
        List<Draft> blank = drafts.stream().filter(d -> !d.bad && d.card.isEmpty() && d.grid != null).toList();
        if (blank.isEmpty()) {
            return;
        }
        Map<String, String> existing = new HashMap<>();
        households.findByGridIdInAndHeadNameIn(blank.stream().map(d -> d.grid.id()).distinct().toList(),
                        blank.stream().map(d -> d.headName.strip()).distinct().toList()).stream()
                .filter(h -> h.status() == HouseholdStatus.ACTIVE)
                .forEach(h -> existing.putIfAbsent(h.gridId() + "/" + h.headName(), h.cardNumber()));
        for (Draft d : blank) {
            String card = existing.get(d.grid.id() + "/" + d.headName.strip());
            if (card != null) {
                flag(d, HEAD_NAME, "household.import.head.registered", d.headName.strip(), d.gridCode, card);
            }
        }
    }

    /**
     * A card Excel changed (kept as a number: its leading 0 dropped, or its digits past the 15th made 0) is refused
     * with the card it should be where that is known: registered, it would not be the card the household holds.
     */
    private void checkCardsExcelChanged(List<Draft> drafts) {
        for (Draft d : drafts) {
            if (d.bad || d.grid == null || !d.hasWellFormedCard()) {
                continue;
            }
            String prefix = CardNumbers.prefix(d.grid);
            TypedCards.problem(d.card, d.cardTypedAsNumber, prefix).ifPresentOrElse(
                    code -> flag(d, CARD_NUMBER, code, d.card, TypedCards.withZerosBack(d.card, prefix).orElse("")),
                    () -> TypedCards.withZerosBack(d.card, prefix).ifPresent(whole ->
                            flag(d, CARD_NUMBER, "household.import.card.zero-lost", d.card, whole)));
        }
    }

    private void checkGrids(List<Draft> drafts) {
        Map<String, GridVerdict> verdicts = new HashMap<>();
        for (Draft d : drafts) {
            if (d.gridCode.isEmpty()) {
                continue;
            }
            GridVerdict verdict = verdicts.computeIfAbsent(d.gridCode, this::verdict);
            if (verdict.refusal() != null) {
                flag(d, GRID_CODE, verdict.refusal(), d.gridCode);
            } else {
                d.grid = verdict.grid();
            }
        }
    }

    /**
     * A paper passbook is carried over once in its village: a row whose passbook number the village already carried
     * over (an earlier import of the same file, whose rows had no card numbers) or that an earlier row of the file
     * names is refused, so importing a file twice never registers its households twice.
     */
    private void checkPassbooks(List<Draft> drafts) {
        Map<String, Set<String>> seen = new HashMap<>();
        for (Draft d : drafts) {
            if (d.bad || d.opening == null || d.grid == null) {
                continue;
            }
            String village = CarriedPassbooks.villageOf(d.grid.path());
            Set<String> taken = seen.computeIfAbsent(village, v -> new HashSet<>(passbooksCarried.apply(v)));
            if (!taken.add(d.opening.passbookNumber())) {
                flag(d, PASSBOOK_NUMBER, "household.import.opening.passbook-taken", d.opening.passbookNumber());
            }
        }
    }

    private GridVerdict verdict(String code) {
        Region region;
        try {
            region = regions.byCode(code);
        } catch (NotFound unknown) {
            return new GridVerdict(null, "household.import.grid.unknown");
        }
        if (region.level() != RegionLevel.GRID) {
            return new GridVerdict(null, "household.import.grid.not-a-grid");
        }
        if (!actor.covers(region.path())) {
            return new GridVerdict(null, "household.import.grid.outside-scope");
        }
        return new GridVerdict(region, null);
    }

    /**
     * Chosen here rather than at registration so the preview shows the cards to be printed, and so a chosen card can
     * never be one that a later row of the same file names.
     */
    private void assignMissingCards(List<Draft> drafts) {
        Set<String> fileCards = new HashSet<>();
        drafts.stream().filter(Draft::hasWellFormedCard).forEach(d -> fileCards.add(d.card));
        Map<String, CardNumbers.Sequence> sequences = new HashMap<>();
        for (Draft d : drafts) {
            if (d.bad || !d.card.isEmpty()) {
                continue;
            }
            CardNumbers.Sequence free = sequences.computeIfAbsent(CardNumbers.prefix(d.grid), prefix -> {
                Set<String> taken = new HashSet<>(households.findCardNumbersStartingWith(prefix));
                taken.addAll(fileCards);
                return new CardNumbers.Sequence(prefix, taken::contains);
            });
            Optional<String> card = free.next();
            if (card.isEmpty()) {
                flag(d, CARD_NUMBER, "household.import.card.exhausted", d.gridCode);
            } else {
                d.card = card.get();
                d.cardGenerated = true;
            }
        }
    }

    private void flag(Draft d, ImportColumn column, String code, Object... arguments) {
        problems.add(ImportProblem.ofCell(d.line, column, code, arguments));
        d.bad = true;
    }

    /** Characters as PostgreSQL's varchar counts them. */
    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private record GridVerdict(Region grid, String refusal) {
    }

    /** A row on its way to becoming a household; it goes bad at its first problem and stays bad. */
    private static final class Draft {
        final int line;
        final String headName;
        final String address;
        final String phone;
        final String gridCode;
        String card;
        String members;
        Region grid;
        OpeningBalance opening;
        boolean cardGenerated;
        boolean cardTypedAsNumber;
        boolean bad;

        Draft(int line, Map<ImportColumn, String> values) {
            this.line = line;
            this.card = values.getOrDefault(CARD_NUMBER, "");
            this.headName = values.getOrDefault(HEAD_NAME, "");
            this.members = values.getOrDefault(MEMBERS, "");
            this.address = values.getOrDefault(ADDRESS, "");
            this.phone = values.getOrDefault(PHONE, "");
            this.gridCode = values.getOrDefault(GRID_CODE, "");
        }

        boolean hasWellFormedCard() {
            return CARD_FORM.matcher(card).matches();
        }

        ImportRow toRow() {
            return new ImportRow(line, new NewHousehold(card, headName, members, address,
                    phone.isEmpty() ? null : phone, gridCode), cardGenerated, opening);
        }
    }
}
