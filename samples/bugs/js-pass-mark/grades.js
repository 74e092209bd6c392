// Whether an exam score passes: the pass mark is 60, and a score of exactly 60 passes.
const PASS_MARK = 60;

function passes(score) {
  return score > PASS_MARK;
}

module.exports = { passes, PASS_MARK };
