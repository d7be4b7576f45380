/**
 * The short region codes Tencent Cloud's answers use (`"SourceRegion": "gz"` in
 * DescribeVpcPeeringConnections), mapped to region IDs. The table is the provider's
 * `ShortRegionNameParse` (tencentcloudstack/terraform-provider-tencentcloud f6970a9,
 * tencentcloud/common/common.go), which the provider applies to the same answers. Some IDs it
 * names are outside the region catalog (edge regions such as `ap-hangzhou-ec`): they map all the
 * same, and the rules report them as REGION_UNKNOWN.
 */
const REGION_OF_SHORT_CODE: ReadonlyMap<string, string> = new Map([
  ['gz', 'ap-guangzhou'],
  ['szjr', 'ap-shenzhen-fsi'],
  ['gzopen', 'ap-guangzhou-open'],
  ['szx', 'ap-shenzhen'],
  ['qy', 'ap-qingyuan'],
  ['szsycft', 'ap-shenzhen-sycft'],
  ['sh', 'ap-shanghai'],
  ['shjr', 'ap-shanghai-fsi'],
  ['jnec', 'ap-jinan-ec'],
  ['hzec', 'ap-hangzhou-ec'],
  ['nj', 'ap-nanjing'],
  ['fzec', 'ap-fuzhou-ec'],
  ['hfeec', 'ap-hefei-ec'],
  ['bj', 'ap-beijing'],
  ['tsn', 'ap-tianjin'],
  ['bjjr', 'ap-beijing-fsi'],
  ['sjwec', 'ap-shijiazhuang-ec'],
  ['whec', 'ap-wuhan-ec'],
  ['csec', 'ap-changsha-ec'],
  ['cgoec', 'ap-zhengzhou-ec'],
  ['cd', 'ap-chengdu'],
  ['cq', 'ap-chongqing'],
  ['xiyec', 'ap-xian-ec'],
  ['sheec', 'ap-shenyang-ec'],
  ['hk', 'ap-hongkong'],
  ['tpe', 'ap-taipei'],
  ['kr', 'ap-seoul'],
  ['jp', 'ap-tokyo'],
  ['sg', 'ap-singapore'],
  ['th', 'ap-bangkok'],
  ['jkt', 'ap-jakarta'],
  ['usw', 'na-siliconvalley'],
  ['de', 'eu-frankfurt'],
  ['ru', 'eu-moscow'],
  ['in', 'ap-mumbai'],
  ['use', 'na-ashburn'],
  ['sao', 'sa-saopaulo'],
  ['ca', 'na-toronto'],
]);

/** A region ID as written (`ap-guangzhou`, `na-siliconvalley`, `ap-shanghai-fsi`, `ap-hangzhou-ec`). */
const REGION_ID = /^(?:ap|na|eu|sa|me|af)-[a-z]+(?:-[a-z]+)?$/;

/**
 * The region ID a cloud answer means: a short code (`gz`) is looked up, a region ID is taken as it
 * is; anything else is undefined (the caller says so rather than invent a region).
 */
export function regionIdOf(value: string): string | undefined {
  const code = REGION_OF_SHORT_CODE.get(value.toLowerCase());
  if (code !== undefined) return code;
  return REGION_ID.test(value) ? value : undefined;
}

/** Every short code and its region, for tests and documentation. */
export function shortRegionCodes(): ReadonlyMap<string, string> {
  return REGION_OF_SHORT_CODE;
}
