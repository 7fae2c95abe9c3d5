/** Shown instead of the app when the build's configuration is unusable, with every problem listed. */
export function ConfigProblemsScreen({ problems }: { problems: string[] }) {
  return (
    <main className="config-error" role="alert">
      <h1>Boon is not configured</h1>
      <p>The app was built with settings it cannot use. Fix these and restart it:</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem} className="mono">
            {problem}
          </li>
        ))}
      </ul>
      <p>
        Local development: run <code>npm start</code> at the repository root; it deploys the
        contracts and starts the app with the right settings.
      </p>
    </main>
  );
}
