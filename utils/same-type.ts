/**
 * `true` exactly when A and B hold the same values. A schema and the type it guards are kept in
 * step with it: `const inStep: SameType<v.InferOutput<typeof Schema>, Type> = true;` fails the type
 * check as soon as the two differ. (The tuples keep a union from being compared member by member.)
 */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
