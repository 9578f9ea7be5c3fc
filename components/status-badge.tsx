import { STATUS_LABELS, STATUS_TONES, type Tone, type VerificationStatus } from "@/lib/verification/status";

const toneClasses: Record<Tone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-300",
  info: "bg-blue-50 text-blue-800 ring-blue-300",
  success: "bg-green-50 text-green-800 ring-green-300",
  warning: "bg-amber-50 text-amber-800 ring-amber-300",
  danger: "bg-red-50 text-red-800 ring-red-300",
};

export function StatusBadge({ status }: { status: VerificationStatus | null }) {
  if (!status) {
    return <span className="inline-flex rounded-full px-2 py-0.5 text-xs text-slate-500 ring-1 ring-slate-200">Not verified</span>;
  }
  return (
    <span
      data-status={status}
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${toneClasses[STATUS_TONES[status]]}`}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}
