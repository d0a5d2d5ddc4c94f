-- The duplicate check (CUS-3) compares company names by a key: NFKC (full width to half width), lower case, a region
-- in brackets dropped, spaces and punctuation dropped, legal forms (有限公司, 股份有限公司, 集团 …) and region prefixes
-- (上海 / 上海市, 江苏省 …) dropped. The function is generated from server/src/modules/organizations/company-name.ts
-- (companyNameKeySql), whose test checks that both give the same keys. Kept as a generated column with a trigram index.
CREATE OR REPLACE FUNCTION psm_company_name_key(value text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  key text;
  stripped text;
BEGIN
  key := lower(translate(normalize(value, NFKC), '[]{}【】〔〕〖〗', '()()()()()'));
  key := regexp_replace(regexp_replace(key, '\((?:中国|北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|深圳|广州|苏州|杭州|南京|武汉|成都|西安|青岛|大连|宁波|厦门|无锡|长沙|郑州|济南|合肥|福州|沈阳|哈尔滨|长春|石家庄|太原|南昌|昆明|贵阳|南宁|海口|兰州|西宁|银川|乌鲁木齐|呼和浩特|拉萨|东莞|佛山|常州|南通|徐州|温州|绍兴|嘉兴|烟台|潍坊|唐山|珠海|惠州|泉州|洛阳|保定|扬州|镇江|芜湖|鞍山)(?:维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|省|市)?\)', '', 'g'), '[^0-9a-z㐀-䶿一-鿿]', '', 'g');
  stripped := regexp_replace(key, '(?:集团股份有限公司|集团有限责任公司|集团有限公司|股份有限公司|有限责任公司|有限公司|股份公司|集团公司|总公司|集团|公司|总厂|厂|coltd|ltd|limited|incorporated|inc|corporation|corp|company|group|gmbh)+$', '');
  IF char_length(stripped) >= 2 THEN key := stripped; END IF;
  stripped := regexp_replace(key, '^(?:(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|深圳|广州|苏州|杭州|南京|武汉|成都|西安|青岛|大连|宁波|厦门|无锡|长沙|郑州|济南|合肥|福州|沈阳|哈尔滨|长春|石家庄|太原|南昌|昆明|贵阳|南宁|海口|兰州|西宁|银川|乌鲁木齐|呼和浩特|拉萨|东莞|佛山|常州|南通|徐州|温州|绍兴|嘉兴|烟台|潍坊|唐山|珠海|惠州|泉州|洛阳|保定|扬州|镇江|芜湖|鞍山)(?:维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|省|市)?)+', '');
  IF char_length(stripped) >= 2 THEN key := stripped; END IF;
  RETURN regexp_replace(key, '^[0-9a-z]+(?=[㐀-䶿一-鿿]{4})', '');
END
$$;
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "name_key" text GENERATED ALWAYS AS (psm_company_name_key(name)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "organizations_name_key_trgm_idx" ON "organizations" USING gin ("name_key" gin_trgm_ops);