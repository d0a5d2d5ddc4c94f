-- Chinese names are searched by two-character fragments (a company's 字号 is often two characters), which
-- pg_trgm cannot index: a pattern needs three characters to give it a trigram. psm_bigrams gives the distinct
-- lower-case two-character fragments of a text (none that contain white space); a GIN index over it answers
-- "contains every bigram of the query", and ILIKE then checks the order.
CREATE OR REPLACE FUNCTION psm_bigrams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT gram), '{}'::text[])
    FROM (SELECT substr(lower(value), position, 2) AS gram
            FROM generate_series(1, char_length(value) - 1) AS position) AS grams
   WHERE gram !~ '\s'
$$;
