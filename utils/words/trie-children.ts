import type { TrieNode } from './phrases';

/**
 * A trie node's children by word hash: open addressing in a typed array. Every reply word that may
 * start a phrase looks one up, and a `Map.get` per word was the largest single cost of matching.
 * Word hashes are non-negative, so -1 marks a free slot.
 */
export class TrieChildren {
  private keys = new Int32Array(8).fill(-1);
  private nodes: (TrieNode | undefined)[] = new Array(8).fill(undefined);
  private size = 0;

  get(hash: number): TrieNode | undefined {
    const keys = this.keys;
    const mask = keys.length - 1;
    let slot = hash & mask;
    while (true) {
      const key = keys[slot] as number;
      if (key === hash) return this.nodes[slot];
      if (key === -1) return undefined;
      slot = (slot + 1) & mask;
    }
  }

  set(hash: number, node: TrieNode): void {
    // At most half full, so a miss ends at a free slot after a probe or two.
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    this.place(hash, node);
  }

  hashes(): number[] {
    return [...this.keys].filter((key) => key !== -1);
  }

  private place(hash: number, node: TrieNode): void {
    const keys = this.keys;
    const mask = keys.length - 1;
    let slot = hash & mask;
    while (keys[slot] !== -1 && keys[slot] !== hash) slot = (slot + 1) & mask;
    if (keys[slot] === -1) this.size++;
    keys[slot] = hash;
    this.nodes[slot] = node;
  }

  private grow(): void {
    const { keys, nodes } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.nodes = new Array(keys.length * 2).fill(undefined);
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot++) {
      const key = keys[slot] as number;
      if (key !== -1) this.place(key, nodes[slot] as TrieNode);
    }
  }
}
