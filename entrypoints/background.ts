export default defineBackground(() => {
  // Filled in by the store work: the single writer of IndexedDB.
});
