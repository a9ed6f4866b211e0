import { describe, expect, it, vi } from 'vitest';
import { newRandomId } from '../../utils/ids';

describe('newRandomId', () => {
  it('makes version-4 UUIDs without crypto.randomUUID (plain-http pages have none)', () => {
    const spy = vi.spyOn(crypto, 'randomUUID').mockImplementation(() => {
      throw new TypeError('crypto.randomUUID is not a function');
    });
    try {
      const ids = new Set(Array.from({ length: 1000 }, newRandomId));
      expect(ids.size).toBe(1000);
      for (const id of ids)
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      spy.mockRestore();
    }
  });
});
