-- The lines of an import file (批量导入) already registered, by file: an import registers its file in small
-- transactions, each claiming its lines here first, so a file interrupted half way (a crash, a cut connection) is
-- finished by uploading it again, and two uploads of one file at once register each line once.
-- import_key: sha-256 of the importer's region path and the file's bytes (another region's upload starts afresh).
CREATE TABLE household_import_line (
    import_key   varchar(64) NOT NULL,
    line         int         NOT NULL,
    household_id varchar(40) REFERENCES household (id),
    PRIMARY KEY (import_key, line)
);
