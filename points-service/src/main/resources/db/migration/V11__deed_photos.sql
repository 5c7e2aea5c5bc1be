-- Photos of reported deeds, kept in PostgreSQL beside everything else (one backup holds all). Checked before they
-- are stored: size limit and image type by magic bytes (see DeedPhotos).
create table deed_photo (
    id           varchar(40)  primary key,
    household_id varchar(40)  not null references household (id),
    region_path  varchar(200) not null,
    content_type varchar(16)  not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
    size_bytes   int          not null,
    data         bytea        not null,
    uploaded_by  varchar(100) not null,
    uploaded_at  timestamptz  not null
);
create index deed_photo_household on deed_photo (household_id);
