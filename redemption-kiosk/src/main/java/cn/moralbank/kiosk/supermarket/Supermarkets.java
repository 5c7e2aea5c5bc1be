package cn.moralbank.kiosk.supermarket;

import cn.moralbank.kiosk.api.KioskRefusal;
import cn.moralbank.kiosk.api.OpenStockCommand;
import cn.moralbank.kiosk.api.SupermarketId;
import cn.moralbank.points.access.AccessDenied;
import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.common.Commands;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.points.common.PlainText;
import cn.moralbank.points.region.Region;
import cn.moralbank.points.region.RegionLevel;
import cn.moralbank.points.region.Regions;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/** The registry of love supermarkets, seen through the actor's scope. */
@Singleton
public class Supermarkets {
    private final SupermarketRepository supermarkets;
    private final Regions regions;
    private final Commands commands;
    private final Clock clock;

    Supermarkets(SupermarketRepository supermarkets, Regions regions, Commands commands, Clock clock) {
        this.supermarkets = supermarkets;
        this.regions = regions;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * Opens a supermarket for a village, or for a township whose villages share it, and its stock book. The county
     * office, a township officer or the village administrator may, within their scope.
     */
    public Supermarket create(Actor actor, String name, Region region, String address) {
        if (actor.role() != Role.COUNTY_OFFICE && actor.role() != Role.TOWNSHIP_OFFICER
                && actor.role() != Role.VILLAGE_ADMIN) {
            throw new AccessDenied("supermarkets are opened by the offices and the village administrator");
        }
        if (!actor.covers(region.path())) {
            throw new AccessDenied("region " + region.code());
        }
        if (region.level() != RegionLevel.VILLAGE && region.level() != RegionLevel.TOWNSHIP) {
            throw new KioskRefusal("supermarket.region.level", region.name());
        }
        // a name shown on receipts, the kiosk and the public donations page: one line of plain text, as every name
        if (name == null || name.isBlank() || name.strip().length() > 100
                || !PlainText.name(name.strip())) {
            throw new KioskRefusal("supermarket.name.invalid");
        }
        if (address != null && !PlainText.name(address.strip())) {
            throw new KioskRefusal("supermarket.address.invalid");
        }
        Supermarket saved = supermarkets.save(new Supermarket(null, name.strip(), region.id(), region.path(),
                address == null ? "" : address.strip(), true, clock.instant()));
        commands.send(actor, new OpenStockCommand(saved.supermarketId(), saved.name(), saved.regionPath()));
        return saved;
    }

    public Supermarket get(SupermarketId id) {
        return supermarkets.findById(id.value()).orElseThrow(() -> new NotFound("supermarket.not-found", id.value()));
    }

    /** Every supermarket within the actor's scope. */
    public List<Supermarket> within(Actor actor) {
        return supermarkets.findAllUnder(actor.regionPath());
    }

    /** The supermarkets serving a village (its own first, then a shared one of its township). */
    public List<Supermarket> serving(Region village) {
        return supermarkets.serving(village.path());
    }

    public Region region(Supermarket supermarket) {
        return regions.get(supermarket.regionId());
    }
}
