/**
 * The synthetic shop: categories (REES46-style dotted codes, some empty), brands (some empty) and
 * products with a long tail of popularity and prices with cents. Deterministic for a seed.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

type Rng = ReturnType<typeof xoroshiro128plus>;

/** Codes seen in the REES46 data, with a typical price in that category. */
const CATEGORY_CODES: Array<[string, number]> = [
  ["electronics.smartphone", 280],
  ["electronics.audio.headphone", 60],
  ["electronics.video.tv", 420],
  ["electronics.clocks", 150],
  ["electronics.tablet", 250],
  ["electronics.camera.photo", 380],
  ["computers.notebook", 650],
  ["computers.desktop", 700],
  ["computers.peripherals.mouse", 25],
  ["computers.components.videocards", 450],
  ["appliances.kitchen.refrigerators", 480],
  ["appliances.kitchen.washer", 350],
  ["appliances.kitchen.microwave", 90],
  ["appliances.kitchen.kettle", 30],
  ["appliances.environment.vacuum", 160],
  ["appliances.environment.water_heater", 120],
  ["appliances.environment.air_conditioner", 400],
  ["appliances.personal.hair_cutter", 35],
  ["appliances.iron", 40],
  ["furniture.living_room.sofa", 520],
  ["furniture.living_room.cabinet", 210],
  ["furniture.bedroom.bed", 430],
  ["furniture.kitchen.table", 180],
  ["apparel.shoes", 70],
  ["apparel.shoes.keds", 55],
  ["apparel.trousers", 45],
  ["apparel.jacket", 95],
  ["auto.accessories.player", 110],
  ["auto.accessories.videoregister", 85],
  ["kids.toys", 25],
  ["kids.carriage", 190],
  ["sport.bicycle", 300],
  ["sport.trainer", 240],
  ["construction.tools.drill", 80],
  ["construction.tools.light", 20],
  ["accessories.bag", 45],
  ["country_yard.lawn_mower", 260],
  ["medicine.tools.tonometer", 40],
  ["stationery.cartrige", 30],
  ["jewelry.ring", 150],
];

const BRANDS = [
  "samsung", "apple", "xiaomi", "huawei", "lenovo", "acer", "asus", "hp", "lg", "sony",
  "bosch", "indesit", "haier", "beko", "philips", "redmond", "tefal", "polaris", "vitek", "scarlett",
  "lucente", "nike", "adidas", "puma", "casio", "garmin", "jbl", "canon", "nikon", "dell",
  "msi", "gigabyte", "logitech", "oppo", "vivo", "honor", "meizu", "cordiant", "pirelli", "michelin",
  "elari", "kivi", "artel", "midea", "gorenje", "karcher", "makita", "dewalt", "stels", "forward",
];

export interface Product {
  productId: number;
  categoryId: string;
  categoryCode: string;
  brand: string;
  /** The price as written in the file, with two decimals. */
  price: string;
}

export interface Catalog {
  products: Product[];
}

export function createRng(seed: number): Rng {
  return xoroshiro128plus(seed);
}

export function random(rng: Rng): number {
  return uniformFloat64(rng);
}

/** A skewed index in [0, size): a few items get most of the traffic (a long tail). */
export function skewedIndex(rng: Rng, size: number, skew: number): number {
  return Math.min(size - 1, Math.floor(size * Math.pow(random(rng), skew)));
}

/** A normally distributed value (Box-Muller). */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - random(rng))) * Math.cos(2 * Math.PI * random(rng));
}

export function buildCatalog(seed: number, productCount: number): Catalog {
  const rng = createRng(seed ^ 0x5eed);
  const categoryCount = CATEGORY_CODES.length * 3;
  const categories = Array.from({ length: categoryCount }, (_, index) => {
    const [code, typicalPrice] = CATEGORY_CODES[index % CATEGORY_CODES.length]!;
    return {
      // 19-digit ids, as in REES46: too wide for a JavaScript number, so kept as text.
      categoryId: (2053013552226107603n + BigInt(index) * 1000003n).toString(),
      // About a third of REES46 rows have no category code.
      categoryCode: index >= CATEGORY_CODES.length * 2 ? "" : code,
      typicalPrice,
    };
  });
  const products = Array.from({ length: productCount }, (_, index): Product => {
    const category = categories[skewedIndex(rng, categoryCount, 1.6)]!;
    const price = Math.max(0.5, category.typicalPrice * Math.exp(0.6 * normal(rng)));
    return {
      productId: 1000978 + index * 13,
      categoryId: category.categoryId,
      categoryCode: category.categoryCode,
      brand: random(rng) < 0.15 ? "" : BRANDS[skewedIndex(rng, BRANDS.length, 2)]!,
      price: price.toFixed(2),
    };
  });
  return { products };
}
