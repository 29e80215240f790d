// BinaryPack tag bytes (spec/11-data-connections.md 11.3). Fixed-size families carry their size in
// the low bits: fixint 00-7f and e0-ff, fixmap 80-8f, fixarray 90-9f, fixraw a0-af, fixstr b0-bf.
export const TAG = {
  FIXMAP: 0x80,
  FIXARRAY: 0x90,
  FIXRAW: 0xa0,
  FIXSTR: 0xb0,
  NIL: 0xc0,
  UNDEFINED: 0xc1,
  FALSE: 0xc2,
  TRUE: 0xc3,
  FLOAT32: 0xca,
  FLOAT64: 0xcb,
  UINT8: 0xcc,
  UINT16: 0xcd,
  UINT32: 0xce,
  UINT64: 0xcf,
  INT8: 0xd0,
  INT16: 0xd1,
  INT32: 0xd2,
  INT64: 0xd3,
  STR16: 0xd8,
  STR32: 0xd9,
  RAW16: 0xda,
  RAW32: 0xdb,
  ARRAY16: 0xdc,
  ARRAY32: 0xdd,
  MAP16: 0xde,
  MAP32: 0xdf,
} as const;

/** Tags BinaryPack leaves unassigned (MessagePack's bin, ext and fixext) [WIRE-28]. */
export const isUnassignedTag = (tag: number): boolean => (tag >= 0xc4 && tag <= 0xc9) || (tag >= 0xd4 && tag <= 0xd7);
