/** `npm run corpus`: prints the blind corpus's figures; `-- --misses` lists every disagreement. */
import { formatBlindReport, scoreBlindCorpus } from './score';

const report = scoreBlindCorpus();
console.log(formatBlindReport(report));
if (process.argv.includes('--misses')) {
  console.log('\nMis-picks:');
  for (const line of report.misPicks) console.log(`  ${line}`);
  console.log('\nStep disagreements (expected→got):');
  for (const line of report.misses) console.log(`  ${line}`);
}
