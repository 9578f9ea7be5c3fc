import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "EasyFreelance partner portal", template: "%s · EasyFreelance partner portal" },
  description: "Verify your employees' identity through EasyFreelance.",
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
