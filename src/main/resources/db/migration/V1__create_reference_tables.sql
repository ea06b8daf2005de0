-- Reference data: where requests come from, who answers them, what they are about,
-- and which days count as working days for statutory deadlines.

CREATE TABLE regions (
    code        varchar(8)   PRIMARY KEY,            -- ISO 3166-2:KZ, e.g. KZ-71
    prefix      varchar(3)     NOT NULL UNIQUE,        -- tracking number prefix, e.g. AST
    name_kk     varchar(120) NOT NULL,
    name_ru     varchar(120) NOT NULL,
    name_en     varchar(120) NOT NULL,
    centre_name varchar(120) NOT NULL,               -- administrative centre (English name)
    centre_lat  numeric(8,5) NOT NULL,
    centre_lon  numeric(8,5) NOT NULL,
    CONSTRAINT regions_code_format CHECK (code ~ '^KZ-[0-9]{2}$'),
    CONSTRAINT regions_prefix_format CHECK (prefix ~ '^[A-Z]{3}$')
);

CREATE TABLE districts (
    code        varchar(16)  PRIMARY KEY,            -- <region code>-<nn>, e.g. KZ-71-01
    region_code varchar(8)   NOT NULL REFERENCES regions (code),
    name_kk     varchar(120) NOT NULL,
    name_ru     varchar(120) NOT NULL,
    name_en     varchar(120) NOT NULL,
    CONSTRAINT districts_code_in_region CHECK (code LIKE region_code || '-%')
);
CREATE INDEX districts_region_idx ON districts (region_code);

CREATE TABLE branches (
    code          varchar(16)  PRIMARY KEY,          -- e.g. AST-RB (regional), AST-D01 (district)
    kind          varchar(10)  NOT NULL,
    region_code   varchar(8)   NOT NULL REFERENCES regions (code),
    district_code varchar(16)  REFERENCES districts (code),
    name_kk       varchar(200) NOT NULL,
    name_ru       varchar(200) NOT NULL,
    name_en       varchar(200) NOT NULL,
    active        boolean      NOT NULL DEFAULT true,
    CONSTRAINT branches_kind CHECK (kind IN ('regional', 'district')),
    CONSTRAINT branches_district_kind CHECK ((kind = 'district') = (district_code IS NOT NULL))
);
CREATE INDEX branches_region_idx ON branches (region_code);
-- Exactly one active regional branch per region: the fallback of routing.
CREATE UNIQUE INDEX branches_one_regional_per_region
    ON branches (region_code) WHERE kind = 'regional' AND active;

CREATE TABLE categories (
    code           varchar(32)   PRIMARY KEY,        -- e.g. housing_utilities
    name_kk        varchar(120)  NOT NULL,
    name_ru        varchar(120)  NOT NULL,
    name_en        varchar(120)  NOT NULL,
    description_kk varchar(500)  NOT NULL,
    description_ru varchar(500)  NOT NULL,
    description_en varchar(500)  NOT NULL,
    sort_order     integer       NOT NULL DEFAULT 0,
    active         boolean       NOT NULL DEFAULT true,
    CONSTRAINT categories_code_format CHECK (code ~ '^[a-z][a-z_]{1,31}$')
);

-- Routing: (region, optional district, optional category) -> branch.
-- The most specific matching rule wins (district beats category, both beat neither);
-- without a matching rule the region's regional branch answers.
CREATE TABLE routing_rules (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region_code   varchar(8)  NOT NULL REFERENCES regions (code),
    district_code varchar(16) REFERENCES districts (code),
    category_code varchar(32) REFERENCES categories (code),
    branch_code   varchar(16) NOT NULL REFERENCES branches (code),
    CONSTRAINT routing_rules_unique UNIQUE NULLS NOT DISTINCT (region_code, district_code, category_code)
);

-- The working-day calendar. Saturdays and Sundays are days off and every other day
-- is a working day, unless a row here says otherwise: public holidays, holidays moved
-- off a weekend, and days moved by government decree (a Saturday made a working day
-- has working = true). Administrators maintain it; deadlines read it.
CREATE TABLE calendar_days (
    day     date         PRIMARY KEY,
    working boolean      NOT NULL,
    note    varchar(200) NOT NULL
);
