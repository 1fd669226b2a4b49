import { describe, expect, it } from 'vitest';
import { customerRanges } from './customerRanges.js';

describe('customerRanges', () => {
  it('splits customers into nearly equal ranges that start at multiples of 8', () => {
    // 20 customers are 3 blocks of 8 (the last one short): one block per part.
    expect(customerRanges(20, 3)).toEqual([
      { first: 0, own: 8 },
      { first: 8, own: 8 },
      { first: 16, own: 4 },
    ]);
    // 100 customers, 13 blocks, 4 parts: blocks 0-2, 3-5, 6-8, 9-12.
    expect(customerRanges(100, 4)).toEqual([
      { first: 0, own: 24 },
      { first: 24, own: 24 },
      { first: 48, own: 24 },
      { first: 72, own: 28 },
    ]);
  });

  it('gives fewer ranges than parts when there are fewer blocks of 8 customers than parts', () => {
    expect(customerRanges(5, 4)).toEqual([{ first: 0, own: 5 }]);
    expect(customerRanges(9, 8)).toEqual([
      { first: 0, own: 8 },
      { first: 8, own: 1 },
    ]);
  });
});
