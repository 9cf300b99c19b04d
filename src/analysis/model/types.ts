/** The saved-model contract lives in ../savedModel.ts (AnalysisResult names it); re-exported here for the model folder. */
export * from '../savedModel';
