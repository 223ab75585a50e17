-- 006-sort: the indexes of the member browser's sort orders (search.c, search_sort). Each
-- order is a keyset over one index whose entries end in the member id (rowid), so paging
-- through 1,000,000 members in any order seeks instead of scanning or sorting. Reading order
-- uses members_reading (001), the facility order's members of one facility members_facility.

-- 会員番号順: the member number as a number (6 to 10 digits, so text order would put
-- 999999 after 1000000)
CREATE INDEX members_number_order ON members(CAST(member_no AS INTEGER), id);
-- 入会年月日順 (both ways: the index is read backwards for newest first)
CREATE INDEX members_joined ON members(joined_on, id);
-- 所属施設順: facilities by name, then each facility's members by id
CREATE INDEX facilities_name_order ON facilities(name, id);
