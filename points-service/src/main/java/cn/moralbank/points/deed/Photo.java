package cn.moralbank.points.deed;

import cn.moralbank.points.deed.api.PhotoId;

/** A stored photo of a deed, as served to a page: its type was checked from its bytes when it came in. */
public record Photo(PhotoId id, String contentType, byte[] data) {
}
