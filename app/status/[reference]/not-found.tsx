export default function StatusNotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6">
      <p className="text-sm font-medium text-slate-500">Identity verification</p>
      <h1 className="mt-2 text-2xl font-semibold">We could not find this verification</h1>
      <p className="mt-3 text-slate-700">The link may be incomplete or out of date. Contact your HR team and ask for a new verification link.</p>
    </main>
  );
}
