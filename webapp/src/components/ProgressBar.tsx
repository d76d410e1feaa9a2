/**
 * A determinate progress bar: `value` of `max` done, announced as a
 * progressbar with its label and "value of max" as its text.
 */
export function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  const safeMax = Math.max(0, max)
  const safeValue = Math.min(Math.max(0, value), safeMax)
  const percent = safeMax === 0 ? 0 : Math.round((safeValue / safeMax) * 100)
  return (
    <div className="progress">
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={safeMax}
        aria-valuenow={safeValue}
        aria-valuetext={`${safeValue} of ${safeMax}`}
      >
        <div className="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress__text">
        {safeValue} / {safeMax} <span className="progress__percent">({percent}%)</span>
      </p>
    </div>
  )
}
